// softmax / logSoftmax (LOG) along one axis of x viewed as [OUTER, AXIS_N, INNER]: the maximum is
// subtracted before exponentiating; NaN anywhere on the line gives NaN.
float element(int e) {
  int o = e / (AXIS_N * INNER);
  int r = e - o * (AXIS_N * INNER);
  int base = o * (AXIS_N * INNER) + r % INNER;
  float m = uintBitsToFloat(0xff800000u);
  for (int k = 0; k < AXIS_N; k++) {
    float v = load(X0, base + k * INNER);
    if (v > m || isnan(v)) m = v;
  }
  float s = 0.0;
  for (int k = 0; k < AXIS_N; k++) s += loomExp(load(X0, base + k * INNER) - m);
  float x = load(X0, e);
#ifdef LOG
  return x - (m + log(s));
#else
  return loomExp(x - m) / s;
#endif
}
