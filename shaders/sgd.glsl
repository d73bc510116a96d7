// SGD update pass (keras.optimizers.SGD): X0 = param, X1 = grad, X2 = momentum (MOMENTUM).
// Writes the new param (target 0) and momentum (target 1) for one packed texel, Keras's formula:
// m = m·μ − g·lr; p += m (NESTEROV: p += m·μ − g·lr); without momentum p −= g·lr.
layout(location = 0) out vec4 outParam;
#ifdef MOMENTUM
layout(location = 1) out vec4 outMomentum;
#endif
uniform float lr;
uniform float mu;

void main() {
  int t = outputTexel();
  vec4 p = loadTexel(X0, t);
  vec4 g = loadTexel(X1, t);
#ifdef MOMENTUM
  vec4 gl = g * lr;
  vec4 m = loadTexel(X2, t) * mu - gl;
  outMomentum = m;
#ifdef NESTEROV
  outParam = p + (m * mu - gl);
#else
  outParam = p + m;
#endif
#else
  outParam = p - g * lr;
#endif
}
