// matMulTiles: C[M, N] = A·Bᵀ from row textures (see rows.glsl), TILE (4 or 8) rows × 4 columns
// of C per fragment, written to TILE render targets: target q holds the rows i ≡ q (mod TILE),
// texel (j/4, i/TILE) = C[i, j..j+3]. Each step over k reads TILE A rows and 4 B rows (12 fetches
// per 128 multiply-adds with TILE 8); matMulMerge then interleaves the targets into the packed
// row-major layout. X0 = A (M rows of K4 texels), X1 = B stored [N, K] (N rows of K4 texels).
layout(location = 0) out vec4 outRow0;
layout(location = 1) out vec4 outRow1;
layout(location = 2) out vec4 outRow2;
layout(location = 3) out vec4 outRow3;
#if TILE == 8
layout(location = 4) out vec4 outRow4;
layout(location = 5) out vec4 outRow5;
layout(location = 6) out vec4 outRow6;
layout(location = 7) out vec4 outRow7;
#endif

float rowY(int r, int rows) {
  return (float(r) + 0.5) / float(rows);
}

// One row of the tile: C[row, j..j+3] += A[row, k..k+3] · B[j..j+3, k..k+3].
#define TILE_ROW(ACC, ROW_Y) a = texture(X0, vec2(x, ROW_Y)); ACC += vec4(dot(a, b0), dot(a, b1), dot(a, b2), dot(a, b3));

void main() {
  ivec2 p = ivec2(gl_FragCoord.xy);
  int i = p.y * TILE;
  int j = p.x << 2;
  float y0 = rowY(i, M), y1 = rowY(i + 1, M), y2 = rowY(i + 2, M), y3 = rowY(i + 3, M);
  vec4 c0 = vec4(0.0), c1 = vec4(0.0), c2 = vec4(0.0), c3 = vec4(0.0);
#if TILE == 8
  float y4 = rowY(i + 4, M), y5 = rowY(i + 5, M), y6 = rowY(i + 6, M), y7 = rowY(i + 7, M);
  vec4 c4 = vec4(0.0), c5 = vec4(0.0), c6 = vec4(0.0), c7 = vec4(0.0);
#endif
  float b0y = rowY(j, N), b1y = rowY(j + 1, N), b2y = rowY(j + 2, N), b3y = rowY(j + 3, N);
  for (int k = 0; k < K4; k++) {
    float x = (float(k) + 0.5) / float(K4);
    vec4 b0 = texture(X1, vec2(x, b0y));
    vec4 b1 = texture(X1, vec2(x, b1y));
    vec4 b2 = texture(X1, vec2(x, b2y));
    vec4 b3 = texture(X1, vec2(x, b3y));
    vec4 a;
    TILE_ROW(c0, y0)
    TILE_ROW(c1, y1)
    TILE_ROW(c2, y2)
    TILE_ROW(c3, y3)
#if TILE == 8
    TILE_ROW(c4, y4)
    TILE_ROW(c5, y5)
    TILE_ROW(c6, y6)
    TILE_ROW(c7, y7)
#endif
  }
  outRow0 = c0;
  outRow1 = c1;
  outRow2 = c2;
  outRow3 = c3;
#if TILE == 8
  outRow4 = c4;
  outRow5 = c5;
  outRow6 = c6;
  outRow7 = c7;
#endif
}
