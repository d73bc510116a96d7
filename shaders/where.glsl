// where(cond, a, b): a where cond ≠ 0 (a NaN condition picks a), else b; all three broadcast.
// Generated before this file: in0/in1/in2(e) read the broadcast inputs; ALIGNED = texel-at-a-time.
float apply(float c, float a, float b) {
  return c != 0.0 || isnan(c) ? a : b;
}

#ifdef ALIGNED
vec4 texelValue(int t) {
  vec4 c = in0x4(t);
  vec4 a = in1x4(t);
  vec4 b = in2x4(t);
  return vec4(apply(c.x, a.x, b.x), apply(c.y, a.y, b.y), apply(c.z, a.z, b.z), apply(c.w, a.w, b.w));
}
#else
float element(int e) {
  return apply(in0(e), in1(e), in2(e));
}
#endif
