// Express 4 installed under an alias for the integration tests' second run.
declare module 'express4' {
  import express from 'express';
  export default express;
}
