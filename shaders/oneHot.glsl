// oneHot: output [..., DEPTH] = 1 where the index equals the last coordinate; an index outside
// [0, DEPTH) (or not a whole number) gives an all-zero row.
float element(int e) {
  int i = e / DEPTH;
  return load(X0, i) == float(e - i * DEPTH) ? 1.0 : 0.0;
}
