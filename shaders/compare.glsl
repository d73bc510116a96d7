// compare: greater, less, equal with broadcasting; 1 or 0 (any comparison with NaN gives 0).
// Generated before this file: in0/in1(e) read the broadcast inputs; ALIGNED = texel-at-a-time.
float apply(float a, float b) {
  if (isnan(a) || isnan(b)) return 0.0;
#if defined(OP_GREATER)
  return a > b ? 1.0 : 0.0;
#elif defined(OP_LESS)
  return a < b ? 1.0 : 0.0;
#elif defined(OP_EQUAL)
  return a == b ? 1.0 : 0.0;
#endif
}

#ifdef ALIGNED
vec4 texelValue(int t) {
  vec4 a = in0x4(t);
  vec4 b = in1x4(t);
  return vec4(apply(a.x, b.x), apply(a.y, b.y), apply(a.z, b.z), apply(a.w, b.w));
}
#else
float element(int e) {
  return apply(in0(e), in1(e));
}
#endif
