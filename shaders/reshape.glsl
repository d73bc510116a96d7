// reshape: the same row-major elements under a new shape, so a texel-for-texel copy.
vec4 texelValue(int t) {
  return loadTexel(X0, t);
}
