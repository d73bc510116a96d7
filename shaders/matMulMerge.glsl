// matMulMerge: the packed row-major C[M, N] from matMulTiles's TILE targets (X0..X(TILE−1);
// target q holds rows i ≡ q (mod TILE) with texel (j/4, i/TILE) = C[i, j..j+3]), optionally +
// bias row BIAS_IN (BIAS) and an activation (ACT_RELU / ACT_SIGMOID / ACT_TANH). N % 4 = 0, so
// output texel t is exactly one tile texel.

// finish(s, j): shaders/denseEpilogue.glsl, appended by the kernel builder.

vec4 tileTexel(int q, ivec2 at) {
#if TILE == 8
  if (q >= 4)
    return q == 4 ? texelFetch(X4, at, 0) : q == 5 ? texelFetch(X5, at, 0) :
      q == 6 ? texelFetch(X6, at, 0) : texelFetch(X7, at, 0);
#endif
  return q == 0 ? texelFetch(X0, at, 0) : q == 1 ? texelFetch(X1, at, 0) :
    q == 2 ? texelFetch(X2, at, 0) : texelFetch(X3, at, 0);
}

vec4 texelValue(int t) {
  int e = t << 2;
  int i = e / N;
  int j = e - i * N;
  vec4 c = tileTexel(i % TILE, ivec2(j >> 2, i / TILE));
  return vec4(finish(c.x, j), finish(c.y, j + 1), finish(c.z, j + 2), finish(c.w, j + 3));
}
