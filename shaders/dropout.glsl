// dropout: inverted dropout with the prelude's stateless hash; element e is kept iff its top 24
// hash bits reach THRESHOLD, and kept values are scaled by SCALE (float32(1 / (1 − rate))).
// `stream` = maskStream(seed, step) is computed on the host from the step seed each run.
uniform uint stream;

float element(int e) {
  float x = in0(e);
  return keepElement(stream, uint(e), THRESHOLD) ? x * SCALE : 0.0;
}
