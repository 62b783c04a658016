"""The content hash of a batch of accepted rows, built by column.

Equal to :func:`lindung.exchange.imports.validate.content_hash` row for row (see
there for the definition): the text of a row is assembled by one Arrow join of
the batch's columns (values as text, None as the empty text, NUL between them)
plus each row's mask of None values, made from the columns' validity bitmaps.
Only the hashing itself is per row in Python; a row with a NUL inside a value
(never a stored value in practice: the validators refuse NUL in text) is hashed
by ``content_hash`` itself.
"""

from __future__ import annotations

from hashlib import blake2b

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lindung.exchange.imports.validate import content_hash

#: Arrow scalars made once (a Python value passed to a compute function is converted,
#: with an import attempt, on every call).
_NUL, _EMPTY = (pa.scalar(text, pa.string()) for text in ("\x00", ""))


def batch_hashes(values: dict[str, pa.Array], names: tuple[str, ...]) -> list[str]:
    """Each row's content hash, equal to ``content_hash`` of the row's values."""
    if not names:
        return []
    length = len(values[names[0]])
    columns = [_text(values[name]) for name in names]
    mask = np.zeros(length, np.int64)
    for bit, column in enumerate(columns):
        if column.null_count:
            nulls = column.is_null().to_numpy(zero_copy_only=False)
            mask |= nulls.astype(np.int64) << bit
    columns.append(pa.array(mask).cast(pa.string()))
    joined = pc.binary_join_element_wise(
        *columns, _NUL, null_handling="replace", null_replacement=""
    )
    texts = joined.cast(pa.binary()).to_pylist()
    if _only_separators(joined, len(names)):
        return [blake2b(text, digest_size=16).hexdigest() for text in texts]
    separators = pc.count_substring(joined, "\x00")
    clean: list[bool] = pc.equal(separators, len(names)).to_pylist()
    lists = {name: values[name].to_pylist() for name in names}
    return [
        blake2b(text, digest_size=16).hexdigest()
        if simple
        else content_hash({name: lists[name][index] for name in names}, names)
        for index, (text, simple) in enumerate(zip(texts, clean, strict=True))
    ]


def _only_separators(joined: pa.Array, separators: int) -> bool:
    """Whether no value holds a NUL: the joined texts hold ``separators`` NUL bytes per
    row at least, so exactly when the total is that many (one scan of the data buffer
    instead of a count per row)."""
    if len(joined) == 0:
        return True
    if not pa.types.is_string(joined.type):
        return False
    offsets = np.frombuffer(joined.buffers()[1], np.int32, len(joined) + 1, joined.offset * 4)
    data = np.frombuffer(joined.buffers()[2], np.uint8, offsets[-1] - offsets[0], offsets[0])
    return int(np.count_nonzero(data == 0)) == len(joined) * separators


def _text(column: pa.Array) -> pa.Array:
    """The values as ``str`` writes them (dates in ISO form, whole numbers in digits)."""
    kind = column.type
    if pa.types.is_string(kind):
        return column
    if pa.types.is_date32(kind) or pa.types.is_integer(kind) or pa.types.is_null(kind):
        return column.cast(pa.string())
    raise TypeError(f"no by-column content hash for {kind}")
