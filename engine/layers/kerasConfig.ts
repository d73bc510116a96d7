// The parts of a Keras 3 layer config every layer shares (Layer.get_config): name, trainable and
// the serialised float32 dtype policy. Layer files spread this before their own keys, in Keras order.

/** Keras 3's serialised default dtype policy (dtype_policies.serialize of 'float32'); a fresh object. */
export function float32Policy(): Record<string, unknown> {
  return {
    module: 'keras',
    class_name: 'DTypePolicy',
    config: { name: 'float32' },
    registered_name: null,
  };
}

/** The base keys of Layer.get_config: { name, trainable, dtype }. */
export function kerasBaseConfig(name: string): Record<string, unknown> {
  return { name, trainable: true, dtype: float32Policy() };
}
