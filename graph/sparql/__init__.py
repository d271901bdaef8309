"""SPARQL: the tokenizer, the safety rule, named queries, results, the endpoint, remote stores."""
