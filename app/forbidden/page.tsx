import Link from "next/link";

export const metadata = { title: "Not for your role" };

export default async function Forbidden({ searchParams }: { searchParams: Promise<{ need?: string }> }) {
  const { need } = await searchParams;
  return (
    <main className="signin">
      <div className="card">
        <h1>Not for your role</h1>
        <p>
          This page needs a permission your role does not have{need ? ` (${need})` : ""}. Ask an admin of your organisation to change your
          role if you need it.
        </p>
        <Link className="btn" href="/overview">
          Back to the overview
        </Link>
      </div>
    </main>
  );
}
