"""Indonesian names: pools by tradition and sex, civil names, and how each source writes them."""

from lindung.demo.names.compose import Names, compose
from lindung.demo.names.render import NameStyle, render, with_typos
from lindung.demo.names.vocabulary import Vocabulary, vocabulary

__all__ = ["NameStyle", "Names", "Vocabulary", "compose", "render", "vocabulary", "with_typos"]
