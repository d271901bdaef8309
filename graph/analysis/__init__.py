"""Answers at a glance, from the NetworkX projection: an entity's profile, lineage trees, paths between
entities, ecosystem statistics and a release timeline. Each is a function returning data (the timeline also
a figure) that notebooks call and ``aikg show/lineage/path/stats/timeline`` print.
"""
