export default function Home() {
  return <h1 className="text-3xl font-semibold">Goodhart Lab</h1>;
}
