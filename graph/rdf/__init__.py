"""RDF: records to quads, the store, RDF files, persistence, SHACL."""
