"""Views of the dataset: the NetworkX projection, tables, layout, the page."""
