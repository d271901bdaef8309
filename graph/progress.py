"""Progress of long work, reported as ``progress(label, done, total)``; the CLI draws the bar.

The library never draws: a long function takes a ``progress`` callable (or
``None``) and calls it with what it is doing, how far it is and how far it
goes. :class:`Steps` numbers the steps of a function made of several.

>>> seen = []
>>> steps = Steps(lambda *a: seen.append(a), 2)
>>> steps.next("reading"); steps.say("reading: 10,000"); steps.next("writing")
>>> seen
[('reading', 1, 2), ('reading: 10,000', 1, 2), ('writing', 2, 2)]
"""
from __future__ import annotations

from typing import Callable, Optional

Progress = Optional[Callable[[str, int, int], None]]


class Steps:
    """A fixed number of steps; ``next`` starts one, ``say`` tells how the current one goes.

    ``done`` counts the steps started, so a bar shows "step 2 of 5" while the second runs.
    """

    def __init__(self, progress: Progress, total: int):
        self.progress = progress
        self.total = total
        self.done = 0

    def next(self, label: str) -> None:
        """Start the next step (the previous one is done)."""
        self.done += 1
        self.say(label)

    def say(self, label: str) -> None:
        """Tell how the current step goes, without finishing it."""
        if self.progress:
            self.progress(label, self.done, self.total)
