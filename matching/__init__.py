"""Round matching: affinity scores, the encoded assignment problem, its solvers and an independent checker."""
