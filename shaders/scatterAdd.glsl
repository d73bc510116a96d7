// scatterAdd, gather's adjoint: output [outer, DIM, INNER] of zeros plus each update slice
// (o, j, :) added at row indices[j] (N_IDX indices in X1, updates [outer, N_IDX, INNER] in X0).
// Each output element sums its matching updates in index order, so repeated indices accumulate.
float element(int e) {
  int t = e % INNER;
  int d = (e / INNER) % DIM;
  int o = e / (INNER * DIM);
  float s = 0.0;
  for (int j = 0; j < N_IDX; j++)
    if (load(X1, j) == float(d)) s += load(X0, (o * N_IDX + j) * INNER + t);
  return s;
}
