"""Where commands read and write when not told: spelled once.

>>> str(GRAPH_FILE), str(PAGE_FILE)
('out/graph.trig', 'out/graph.html')
"""
from pathlib import Path

DATA_DIR = Path("data")  #: curated records (and RDF files, and surveys/ notes)
OUT_DIR = Path("out")  #: what aikg build writes
GRAPH_FILE = OUT_DIR / "graph.trig"  #: the built dataset that reading commands open
PAGE_FILE = OUT_DIR / "graph.html"  #: the interactive page
TITLE = "AI ecosystem knowledge graph"  #: the page's title
