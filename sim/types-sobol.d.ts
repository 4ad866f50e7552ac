/** Types for the `sobol` package (Joe–Kuo direction numbers; no types of its own). */
declare module 'sobol' {
  interface SobolGenerator {
    nextVector(): number[];
  }
  const pkg: { SobolSequenceGenerator: new (dimension: number) => SobolGenerator };
  export default pkg;
}
