// Adam / AdamW update pass (keras.optimizers.Adam, AdamW with WEIGHT_DECAY): X0 = param, X1 = grad,
// X2 = momentum, X3 = velocity, X4 = velocity_hat (AMSGRAD); targets 0 = param, 1 = momentum,
// 2 = velocity, 3 = velocity_hat. alpha = lr·√(1−β2^t)/(1−β1^t) comes from the host.
// AdamW first decays p −= p·wd·lr; then m += (g−m)(1−β1); v += (g²−v)(1−β2); p −= m·α/(√v + ε).
layout(location = 0) out vec4 outParam;
layout(location = 1) out vec4 outMomentum;
layout(location = 2) out vec4 outVelocity;
#ifdef AMSGRAD
layout(location = 3) out vec4 outVelocityHat;
#endif
uniform float alpha;
uniform float oneMinusB1;
uniform float oneMinusB2;
uniform float eps;
uniform float lr;
uniform float wd;

void main() {
  int t = outputTexel();
  vec4 p = loadTexel(X0, t);
  vec4 g = loadTexel(X1, t);
#ifdef WEIGHT_DECAY
  p = p - (p * wd) * lr;
#endif
  vec4 m = loadTexel(X2, t);
  m = m + (g - m) * oneMinusB1;
  outMomentum = m;
  vec4 v = loadTexel(X3, t);
  v = v + (g * g - v) * oneMinusB2;
  outVelocity = v;
#ifdef AMSGRAD
  v = max(loadTexel(X4, t), v);
  outVelocityHat = v;
#endif
  outParam = p - (m * alpha) / (sqrt(v) + eps);
}
