// matMul: C[M, N] = op(A)·op(B), op = identity or transpose (TA / TB), optionally fused with a
// bias row (BIAS: X2 holds N values added to every row) and an activation (ACT_RELU, ACT_SIGMOID,
// ACT_TANH) — a whole Dense forward in one pass. X0 = A (stored [M,K], or [K,M] with TA), X1 = B
// (stored [K,N], or [N,K] with TB). M, K, N are #defines.
// ROWVEC (N % 4 = 0): each fragment computes 4 adjacent outputs of one row as a vec4; when K is a
// multiple of 4 too (K4), A and Bᵀ rows are read 4 values per texel fetch.

float aAt(int i, int k) {
#if TA
  return load(X0, k * M + i);
#else
  return load(X0, i * K + k);
#endif
}

float bAt(int k, int j) {
#if TB
  return load(X1, j * K + k);
#else
  return load(X1, k * N + j);
#endif
}

// finish(s, j): shaders/denseEpilogue.glsl, appended by the kernel builder.

#ifdef ROWVEC
vec4 texelValue(int t) {
  int e = t << 2;
  int i = e / N;
  int j = e - i * N;
  vec4 acc = vec4(0.0);
#if !TA && !TB && K4
  // A row as vec4s over k; B rows k..k+3 at columns j..j+3 are one texel each.
  int a0 = (i * K) >> 2;
  int b0 = j >> 2;
  for (int k4 = 0; k4 < K / 4; k4++) {
    vec4 a = loadTexel(X0, a0 + k4);
    int b = b0 + k4 * N;
    acc += a.x * loadTexel(X1, b) + a.y * loadTexel(X1, b + N / 4) +
      a.z * loadTexel(X1, b + N / 2) + a.w * loadTexel(X1, b + 3 * N / 4);
  }
#elif !TA && TB && K4
  // A row and the 4 stored rows j..j+3 of B as vec4s over k: 5 fetches per 16 multiply-adds.
  int a0 = (i * K) >> 2;
  int b0 = (j * K) >> 2;
  for (int k4 = 0; k4 < K / 4; k4++) {
    vec4 a = loadTexel(X0, a0 + k4);
    int b = b0 + k4;
    acc += vec4(dot(a, loadTexel(X1, b)), dot(a, loadTexel(X1, b + K / 4)),
      dot(a, loadTexel(X1, b + K / 2)), dot(a, loadTexel(X1, b + 3 * K / 4)));
  }
#elif !TB
  // B rows at columns j..j+3 are one texel; A one element per k.
  int b0 = j >> 2;
  for (int k = 0; k < K; k++) acc += aAt(i, k) * loadTexel(X1, b0 + k * (N / 4));
#else
  for (int k = 0; k < K; k++)
    acc += aAt(i, k) * vec4(bAt(k, j), bAt(k, j + 1), bAt(k, j + 2), bAt(k, j + 3));
#endif
  return vec4(finish(acc.x, j), finish(acc.y, j + 1), finish(acc.z, j + 2), finish(acc.w, j + 3));
}
#else
float element(int e) {
  int i = e / N;
  int j = e - i * N;
  float s = 0.0;
  for (int k = 0; k < K; k++) s += aAt(i, k) * bAt(k, j);
  return finish(s, j);
}
#endif
