// unary: neg, exp, log, sqrt, square, abs, sign, relu, sigmoid, tanh, chosen by one OP_* define.
// Generated before this file: in0(e) / in0x4(t) read the input; ALIGNED = texel-at-a-time.
float apply(float x) {
#if defined(OP_NEG)
  return -x;
#elif defined(OP_EXP)
  return loomExp(x);
#elif defined(OP_LOG)
  return log(x);
#elif defined(OP_SQRT)
  return sqrt(x);
#elif defined(OP_SQUARE)
  return x * x;
#elif defined(OP_ABS)
  return abs(x);
#elif defined(OP_SIGN)
  return x > 0.0 ? 1.0 : (x < 0.0 ? -1.0 : (isnan(x) ? x : 0.0));
#elif defined(OP_RELU)
  return loomRelu(x);
#elif defined(OP_SIGMOID)
  return loomSigmoid(x);
#elif defined(OP_TANH)
  return loomTanh(x);
#endif
}

#ifdef ALIGNED
vec4 texelValue(int t) {
  vec4 x = in0x4(t);
  return vec4(apply(x.x), apply(x.y), apply(x.z), apply(x.w));
}
#else
float element(int e) {
  return apply(in0(e));
}
#endif
