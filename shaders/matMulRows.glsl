// matMulRows: C[M, N] = A·Bᵀ from row textures (see rows.glsl): X0 = A, M rows of K4 texels;
// X1 = B stored [N, K], N rows of K4 texels; optionally + bias row X2 (BIAS) and an activation
// (ACT_RELU / ACT_SIGMOID / ACT_TANH). Every fragment streams whole texture rows with one
// texture() per 4 values: with ROWVEC (N % 4 = 0) it computes 4 adjacent outputs of a row from
// one A row and 4 B rows, 5 fetches per 16 multiply-adds.

// finish(s, j): shaders/denseEpilogue.glsl, appended by the kernel builder.

// Texture-row coordinate (texel centre) of matrix row `r` in a texture `rows` high.
float rowY(int r, int rows) {
  return (float(r) + 0.5) / float(rows);
}

#ifdef ROWVEC
vec4 texelValue(int t) {
  int e = t << 2;
  int i = e / N;
  int j = e - i * N;
  float ya = rowY(i, M);
  float y0 = rowY(j, N);
  float y1 = rowY(j + 1, N);
  float y2 = rowY(j + 2, N);
  float y3 = rowY(j + 3, N);
  vec4 acc = vec4(0.0);
  for (int k = 0; k < K4; k++) {
    float x = (float(k) + 0.5) / float(K4);
    vec4 a = texture(X0, vec2(x, ya));
    acc += vec4(dot(a, texture(X1, vec2(x, y0))), dot(a, texture(X1, vec2(x, y1))),
      dot(a, texture(X1, vec2(x, y2))), dot(a, texture(X1, vec2(x, y3))));
  }
  return vec4(finish(acc.x, j), finish(acc.y, j + 1), finish(acc.z, j + 2), finish(acc.w, j + 3));
}
#else
float element(int e) {
  int i = e / N;
  int j = e - i * N;
  float ya = rowY(i, M);
  float yb = rowY(j, N);
  float s = 0.0;
  for (int k = 0; k < K4; k++) {
    float x = (float(k) + 0.5) / float(K4);
    s += dot(texture(X0, vec2(x, ya)), texture(X1, vec2(x, yb)));
  }
  return finish(s, j);
}
#endif
