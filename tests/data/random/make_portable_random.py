#!/usr/bin/env python3
"""Independent reference for core/util/PortableRandom.h and the splits and folds drawn with it.

Written from the published algorithms, not from our C++: MT19937-64 (Nishimura 2000; the
parameters and seeding of C++ [rand.predef] mt19937_64), uniform index draws by rejecting the
2^64 mod n smallest raw outputs (OpenBSD arc4random_uniform), Fisher-Yates as Durstenfeld wrote
it (Comm. ACM 7(7), 1964), the stratified k-fold dealing documented in core/learn/Folds.h, and
iterative stratification (Sechidis, Tsoumakas & Vlahavas 2011) with the tie rules documented in
core/pipeline/StudySplit.h. The engine is checked against the value the C++ standard fixes.

Run: /usr/bin/python3 tests/data/random/make_portable_random.py
Prints the lists pinned in tests/core/util/test_portable_random.cpp. With --sweep, prints the
worst balance of iterative stratification over seeds 0-299 on the cohorts of
tests/core/pipeline/test_study_split.cpp, from which that test's bounds come.
"""
import sys

MASK = (1 << 64) - 1


class Mt19937_64:
    n, m = 312, 156
    upper, lower = MASK ^ ((1 << 31) - 1), (1 << 31) - 1

    def __init__(self, seed=5489):
        self.state = [seed & MASK]
        for i in range(1, self.n):
            prev = self.state[-1]
            self.state.append((6364136223846793005 * (prev ^ (prev >> 62)) + i) & MASK)
        self.index = self.n

    def _twist(self):
        s = self.state
        for i in range(self.n):
            y = (s[i] & self.upper) | (s[(i + 1) % self.n] & self.lower)
            s[i] = s[(i + self.m) % self.n] ^ (y >> 1) ^ (0xB5026F5AA96619E9 if y & 1 else 0)
        self.index = 0

    def __call__(self):
        if self.index >= self.n:
            self._twist()
        y = self.state[self.index]
        self.index += 1
        y ^= (y >> 29) & 0x5555555555555555
        y ^= (y << 17) & 0x71D67FFFEDA60000
        y ^= (y << 37) & 0xFFF7EEE000000000
        y ^= y >> 43
        return y


def uniform_index(random, bound):
    rejected_below = (1 << 64) % bound
    raw = random()
    while raw < rejected_below:
        raw = random()
    return raw % bound


def uniform_unit(random):
    return (random() >> 11) / float(1 << 53)


def shuffle(items, random):
    for i in range(len(items), 1, -1):
        j = uniform_index(random, i)
        items[i - 1], items[j] = items[j], items[i - 1]


def repeated_stratified_folds(labels, folds, repeats, seed):
    negatives = [r for r, y in enumerate(labels) if y == 0]
    positives = [r for r, y in enumerate(labels) if y == 1]
    out = []
    for r in range(repeats):
        random = Mt19937_64((seed * 1000003 + r) & MASK)
        shuffle(negatives, random)  # in place: repeat r starts from repeat r - 1's order
        shuffle(positives, random)
        fold_of = [-1] * len(labels)
        for k, row in enumerate(negatives + positives):
            fold_of[row] = k % folds
        out.append(fold_of)
    return out


def iterative_stratification(labels_by_endpoint, count, fractions, seed):
    categories = [(e, v, [p for p in range(count) if labels[p] == v])
                  for e, labels in enumerate(labels_by_endpoint) for v in (0, 1)]
    demand = [[f * len(c[2]) for c in categories] for f in fractions]
    capacity = [f * count for f in fractions]
    order = list(range(count))
    shuffle(order, Mt19937_64(seed))
    rank = {p: k for k, p in enumerate(order)}
    subset_of = [-1] * count

    def assign(patient, s):
        subset_of[patient] = s
        capacity[s] -= 1
        for c, (e, v, _) in enumerate(categories):
            if labels_by_endpoint[e][patient] == v:
                demand[s][c] -= 1

    while True:
        # The category with the fewest unassigned patients; the first of equals.
        open_counts = [sum(subset_of[p] < 0 for p in c[2]) for c in categories]
        candidates = [c for c, k in enumerate(open_counts) if k > 0]
        if not candidates:
            break
        best = min(candidates, key=lambda c: (open_counts[c], c))
        for patient in sorted((p for p in categories[best][2] if subset_of[p] < 0), key=rank.get):
            # Most demand for the category, then most room left, then the first subset.
            s = max(range(len(fractions)), key=lambda s: (demand[s][best], capacity[s], -s))
            assign(patient, s)
    for patient in order:
        if subset_of[patient] < 0:
            assign(patient, max(range(len(fractions)), key=lambda s: (capacity[s], -s)))
    return subset_of


def stratified_split_test_rows(labels, test_fraction, seed):
    random = Mt19937_64(seed)
    test = []
    for label in (0, 1):
        rows = [r for r, y in enumerate(labels) if y == label]
        count = int(round_half_away(test_fraction * len(rows)))
        shuffle(rows, random)
        test += rows[:count]
    return sorted(test)


def round_half_away(x):  # std::lround
    return int(x + 0.5) if x >= 0 else -int(-x + 0.5)


def fold_labels():
    return [1 if (r * 7) % 10 < 4 else 0 for r in range(30)]


def study_labels():
    first = [-1 if p % 9 == 4 else (1 if (p * 5) % 11 < 4 else 0) for p in range(40)]
    second = [-1 if p % 7 == 2 else (1 if (p * 3) % 13 < 2 else 0) for p in range(40)]
    return [first, second]


def random_cohort(seed, count, prevalences):
    """Labels as test_study_split.cpp draws them: 10 % unknown, else positive at the prevalence."""
    random = Mt19937_64(seed)
    labels = []
    for prevalence in prevalences:
        row = []
        for _ in range(count):
            if uniform_unit(random) < 0.1:
                row.append(-1)
            else:
                row.append(1 if uniform_unit(random) < prevalence else 0)
        labels.append(row)
    return labels


def sweep():
    def worst(labels, count, fractions, part):
        sizes, spread = [], {}
        for seed in range(300):
            subset_of = iterative_stratification(labels, count, fractions, seed)
            sizes += [subset_of.count(s) for s in part]
            for e, row in enumerate(labels):
                for v in (0, 1):
                    members = [p for p in range(count) if row[p] == v]
                    for s in part:
                        inside = sum(subset_of[p] == s for p in members)
                        share = fractions[s] * len(members)
                        old = spread.get((e, v, len(members)), (0, 0, count))
                        spread[(e, v, len(members))] = (max(old[0], abs(inside - share)),
                                                        max(old[1], abs(inside - share) / share), min(old[2], inside))
        print("  subset sizes", min(sizes), "to", max(sizes))
        for (e, v, members), (absolute, relative, least) in sorted(spread.items(), key=lambda kv: kv[0][2]):
            print(f"  endpoint {e} class {v} ({members} patients): off by at most {absolute:.2f} patients, "
                  f"{100 * relative:.1f} % of the share; fewest in a subset {least}")

    print("iterativeStratifiedSplit, 200 patients (seed 7; 38 %, 6 %, 63 %), test fraction 0.3:")
    worst(random_cohort(7, 200, [0.38, 0.06, 0.63]), 200, [1 - 0.3, 0.3], [1])
    print("iterativeStratifiedFolds, 210 patients (seed 11; 38 %, 5 %, 63 %, 20 %), 5 folds:")
    worst(random_cohort(11, 210, [0.38, 0.05, 0.63, 0.2]), 210, [1 / 5] * 5, range(5))


def main():
    if "--sweep" in sys.argv:
        sweep()
        return
    engine = Mt19937_64()
    for _ in range(9999):
        engine()
    assert engine() == 9981545732273789042, "C++ [rand.predef]: 10000th output of mt19937_64"

    c_list = lambda xs: "{" + ", ".join(str(x) for x in xs) + "}"
    random = Mt19937_64(42)
    print("uniformIndex(seed 42, bounds 1..12):", c_list(uniform_index(random, b) for b in range(1, 13)))
    # A bound just above 2^63 rejects almost half the raw outputs: the rejection path itself.
    random = Mt19937_64(3)
    print("uniformIndex(seed 3, bound 2^63 + 1) x 6:", c_list(uniform_index(random, (1 << 63) + 1) for _ in range(6)))
    random = Mt19937_64(9)
    print("uniformUnit(seed 9) x 3:", c_list(repr(uniform_unit(random)) for _ in range(3)))
    items = list(range(20))
    shuffle(items, Mt19937_64(2026))
    print("shuffle(0..19, seed 2026):", c_list(items))
    folds = repeated_stratified_folds(fold_labels(), 4, 2, 17)
    print("repeatedStratifiedFolds(folds 4, repeats 2, seed 17) repeat 0:", c_list(folds[0]))
    print("repeatedStratifiedFolds(folds 4, repeats 2, seed 17) repeat 1:", c_list(folds[1]))
    print("learn::stratifiedSplit(0.3, seed 5) test rows:",
          c_list(stratified_split_test_rows(fold_labels(), 0.3, 5)))
    subset_of = iterative_stratification(study_labels(), 40, [1 - 0.3, 0.3], 2024)
    print("iterativeStratifiedSplit(0.3, seed 2024) test patients:", c_list(p for p in range(40) if subset_of[p] == 1))
    print("iterativeStratifiedFolds(3, seed 2024):", c_list(iterative_stratification(study_labels(), 40, [1 / 3] * 3, 2024)))


if __name__ == "__main__":
    main()
