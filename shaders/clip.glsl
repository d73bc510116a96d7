// clip(x; CLIP_MIN, CLIP_MAX) as tf.clip_by_value; NaN stays NaN.
// Generated before this file: in0x4(t) reads the input (always texel-at-a-time).
float apply(float v) {
  return v < CLIP_MIN ? CLIP_MIN : (v > CLIP_MAX ? CLIP_MAX : v);
}

vec4 texelValue(int t) {
  vec4 x = in0x4(t);
  return vec4(apply(x.x), apply(x.y), apply(x.z), apply(x.w));
}
