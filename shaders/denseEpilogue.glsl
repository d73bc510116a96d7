// The end of a fused Dense forward, shared by the matMul kernels (appended after their samplers):
// + the bias row (BIAS; sampler BIAS_IN holds N values), then the activation (ACT_RELU,
// ACT_SIGMOID, ACT_TANH).
float finish(float s, int j) {
#ifdef BIAS
  s += load(BIAS_IN, j);
#endif
#if defined(ACT_RELU)
  return loomRelu(s);
#elif defined(ACT_SIGMOID)
  return loomSigmoid(s);
#elif defined(ACT_TANH)
  return loomTanh(s);
#else
  return s;
#endif
}
