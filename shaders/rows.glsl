// rows: re-lays a matrix out for the matMulRows / matMulTiles kernels — row r of the [R, K] matrix
// becomes texture row r, 4 values per texel, the last texel zero-padded when K % 4 ≠ 0 — so the
// product kernels walk rows with no index arithmetic. X0 holds the matrix row-major, or
// (TRANSPOSED) its transpose row-major, i.e. stored [K, R].
out vec4 outTexel;

float at(int r, int k) {
  if (k >= K) return 0.0;
#ifdef TRANSPOSED
  return load(X0, k * R + r);
#else
  return load(X0, r * K + k);
#endif
}

void main() {
  ivec2 p = ivec2(gl_FragCoord.xy);
  int k = p.x << 2;
  int r = p.y;
#if !defined(TRANSPOSED) && K % 4 == 0
  outTexel = loadTexel(X0, (r * K + k) >> 2);
#else
  outTexel = vec4(at(r, k), at(r, k + 1), at(r, k + 2), at(r, k + 3));
#endif
}
