"""Records: the model, the readers of YAML, JSON Lines and CSV, value kinds, discovery."""
