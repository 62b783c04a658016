"""Partner files: the registry's world as each partner's own extract sees it.

Each module returns the partner table (as the partner writes it: its column
values, date format, sex codes, name habits and errors) and its ground truth
(which person every row is, and which rows carry which planted problem).
"""
