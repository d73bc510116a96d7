// gather along an axis: x viewed as [outer, DIM, INNER], N_IDX indices in X1; output element
// (o, j, t) = x[o, indices[j], t]. An index outside [0, DIM) reads 0 (as TensorFlow on GPUs).
float element(int e) {
  int t = e % INNER;
  int j = (e / INNER) % N_IDX;
  int o = e / (INNER * N_IDX);
  float id = load(X1, j);
  if (!(id >= 0.0 && id < float(DIM))) return 0.0;
  return load(X0, (o * DIM + int(id)) * INNER + t);
}
