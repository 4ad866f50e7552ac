/** Types for the parts of jstat the analysis uses (the package ships none; it is CommonJS). */
declare module 'jstat' {
  interface JStat {
    studentt: { inv(p: number, dof: number): number; cdf(x: number, dof: number): number };
    normal: {
      cdf(x: number, mean: number, sd: number): number;
      inv(p: number, mean: number, sd: number): number;
    };
    chisquare: { cdf(x: number, dof: number): number };
    noncentralt: { cdf(x: number, dof: number, ncp: number): number };
  }
  const pkg: { jStat: JStat };
  export default pkg;
}
