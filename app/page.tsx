import { redirect } from "next/navigation";
import { currentMember } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function Home() {
  redirect((await currentMember()) ? "/overview" : "/signin");
}
