// reduce: sum, mean or max (OP_SUM / OP_MEAN / OP_MAX) of COUNT input elements per output element.
// Generated before this file: base(e) = input index of output e's first element, part(r) = offset
// of its r-th reduced element. Max propagates NaN; an empty max is −Infinity, an empty mean NaN.
float element(int e) {
  int b = base(e);
#ifdef OP_MAX
  float m = uintBitsToFloat(0xff800000u);
  for (int r = 0; r < COUNT; r++) {
    float v = load(X0, b + part(r));
    if (v > m || isnan(v)) m = v;
  }
  return m;
#else
  float s = 0.0;
  for (int r = 0; r < COUNT; r++) s += load(X0, b + part(r));
#ifdef OP_MEAN
  return s / float(COUNT);
#else
  return s;
#endif
#endif
}
