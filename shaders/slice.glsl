// slice: the box [begin, begin + size) of x; src(e) maps a box element to its input element.
float element(int e) {
  return load(X0, src(e));
}
