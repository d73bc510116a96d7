// Adagrad update pass (keras.optimizers.Adagrad): X0 = param, X1 = grad, X2 = accumulator;
// targets 0 = param, 1 = accumulator. a += g²; p −= lr·g / √(a + ε).
layout(location = 0) out vec4 outParam;
layout(location = 1) out vec4 outAccumulator;
uniform float lr;
uniform float eps;

void main() {
  int t = outputTexel();
  vec4 p = loadTexel(X0, t);
  vec4 g = loadTexel(X1, t);
  vec4 a = loadTexel(X2, t) + g * g;
  outAccumulator = a;
  outParam = p - (lr * g) / sqrt(a + eps);
}
