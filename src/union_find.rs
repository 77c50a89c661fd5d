//! Disjoint sets, for the two groupings the pipeline makes by linking pairs: sentences
//! that say the same thing (`dedup`) and stories similar enough to be one (`stories`).

/// Disjoint sets over `0..n` with path halving and union by size.
pub struct UnionFind {
    parent: Vec<usize>,
    size: Vec<usize>,
}

impl UnionFind {
    pub fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n).collect(),
            size: vec![1; n],
        }
    }

    pub fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    pub fn union(&mut self, a: usize, b: usize) {
        let (mut a, mut b) = (self.find(a), self.find(b));
        if a == b {
            return;
        }
        if self.size[a] < self.size[b] {
            std::mem::swap(&mut a, &mut b);
        }
        self.parent[b] = a;
        self.size[a] += self.size[b];
    }

    /// Joins every two elements that `other` (over as many elements) has in one set.
    pub fn absorb(&mut self, mut other: UnionFind) {
        for i in 0..self.parent.len().min(other.parent.len()) {
            let root = other.find(i);
            self.union(i, root);
        }
    }

    /// Each element's set, the sets numbered by first appearance (element 0's is 0).
    pub fn components(&mut self) -> Vec<usize> {
        let mut id_of_root = vec![usize::MAX; self.parent.len()];
        let mut next = 0;
        (0..self.parent.len())
            .map(|i| {
                let root = self.find(i);
                if id_of_root[root] == usize::MAX {
                    id_of_root[root] = next;
                    next += 1;
                }
                id_of_root[root]
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_are_numbered_by_first_appearance() {
        let mut sets = UnionFind::new(6);
        sets.union(4, 1);
        sets.union(5, 3);
        sets.union(3, 1);
        assert_eq!(sets.components(), vec![0, 1, 2, 1, 1, 1]);
        assert_eq!(UnionFind::new(0).components(), Vec::<usize>::new());
    }

    #[test]
    fn absorbing_joins_the_sets_of_both() {
        let mut sets = UnionFind::new(6);
        sets.union(0, 2);
        let mut other = UnionFind::new(6);
        other.union(2, 5);
        other.union(3, 4);
        sets.absorb(other);
        assert_eq!(sets.components(), vec![0, 1, 0, 2, 2, 0]);
    }
}
