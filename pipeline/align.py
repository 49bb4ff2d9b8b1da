"""Align two sequences (EN items and FR items, EN and FR sections) by dynamic programming.

Like sentence alignment (Gale & Church): matching costs little when two items
have similar length and share numbers and acronyms; an item present in one
language only is a gap, which costs a fixed amount.
"""
from __future__ import annotations

import math
import re
from typing import Callable, Optional, Sequence, TypeVar

A = TypeVar("A")
B = TypeVar("B")

GAP = 3.0
_TOKENS = re.compile(r"\d+(?:[.,]\d+)*|\b[A-Z]{2,}\b")


def text_cost(a: str, b: str) -> float:
    """Cost of pairing two texts that should be translations of each other."""
    la, lb = max(len(a), 1), max(len(b), 1)
    cost = abs(math.log(la / lb)) * 2.0
    ta, tb = set(_TOKENS.findall(a)), set(_TOKENS.findall(b))
    if ta or tb:
        shared = len(ta & tb) / max(len(ta | tb), 1)
        cost += 1.0 - shared
    return cost


def align(
    left: Sequence[A], right: Sequence[B], cost: Callable[[A, B], float], gap: float = GAP
) -> list[tuple[Optional[A], Optional[B]]]:
    n, m = len(left), len(right)
    inf = float("inf")
    dp = [[inf] * (m + 1) for _ in range(n + 1)]
    move = [[""] * (m + 1) for _ in range(n + 1)]
    dp[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = dp[i][j]
            if here == inf:
                continue
            if i < n and j < m:
                c = here + cost(left[i], right[j])
                if c < dp[i + 1][j + 1]:
                    dp[i + 1][j + 1], move[i + 1][j + 1] = c, "d"
            if i < n and here + gap < dp[i + 1][j]:
                dp[i + 1][j], move[i + 1][j] = here + gap, "l"
            if j < m and here + gap < dp[i][j + 1]:
                dp[i][j + 1], move[i][j + 1] = here + gap, "r"
    pairs: list[tuple[Optional[A], Optional[B]]] = []
    i, j = n, m
    while i or j:
        step = move[i][j]
        if step == "d":
            pairs.append((left[i - 1], right[j - 1]))
            i, j = i - 1, j - 1
        elif step == "l":
            pairs.append((left[i - 1], None))
            i -= 1
        else:
            pairs.append((None, right[j - 1]))
            j -= 1
    return list(reversed(pairs))
