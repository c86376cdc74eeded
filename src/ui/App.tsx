export function App() {
  return <main><h1>tarscope</h1></main>;
}
