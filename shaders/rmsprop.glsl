// RMSprop update pass (keras.optimizers.RMSprop): X0 = param, X1 = grad, X2 = velocity, then
// MOMENTUM_IN (with MOMENTUM) and AVERAGE_IN (with CENTERED) samplers; targets 0 = param,
// 1 = velocity, then momentum and average gradient at MOMENTUM_OUT / AVERAGE_OUT.
// v = ρv + (1−ρ)g²; step = lr·g / √(v + ε) (centered: √(v − ḡ² + ε), ḡ = ρḡ + (1−ρ)g);
// with momentum m = μm + step, p −= m; else p −= step.
layout(location = 0) out vec4 outParam;
layout(location = 1) out vec4 outVelocity;
#ifdef MOMENTUM
layout(location = MOMENTUM_OUT) out vec4 outMomentum;
#endif
#ifdef CENTERED
layout(location = AVERAGE_OUT) out vec4 outAverage;
#endif
uniform float lr;
uniform float rho;
uniform float oneMinusRho;
uniform float eps;
uniform float mu;

void main() {
  int t = outputTexel();
  vec4 p = loadTexel(X0, t);
  vec4 g = loadTexel(X1, t);
  vec4 v = rho * loadTexel(X2, t) + oneMinusRho * (g * g);
  outVelocity = v;
#ifdef CENTERED
  vec4 a = rho * loadTexel(AVERAGE_IN, t) + oneMinusRho * g;
  outAverage = a;
  vec4 denom = (v - a * a) + eps;
#else
  vec4 denom = v + eps;
#endif
  vec4 step = (lr * g) / sqrt(denom);
#ifdef MOMENTUM
  vec4 m = mu * loadTexel(MOMENTUM_IN, t) + step;
  outMomentum = m;
  outParam = p - m;
#else
  outParam = p - step;
#endif
}
