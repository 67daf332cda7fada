"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { signOut } from "next-auth/react";
import { Logo } from "./ui/logo";

type Item = { href: string; label: string; group: string };

export function SideNav({
  items,
  orgName,
  who,
  role,
  orgs = [],
  activeOrgId,
  switchOrganization,
}: {
  items: Item[];
  orgName: string;
  who: string;
  role: string;
  /** the person's organisations: a switcher appears when there are several */
  orgs?: { id: string; name: string }[];
  activeOrgId?: string;
  switchOrganization?: (form: FormData) => Promise<void>;
}) {
  const pathname = usePathname();
  const groups = [...new Set(items.map((i) => i.group))];
  // on phones the links fold behind a Menu button; a navigation closes the menu again
  // (the menu is open for the page it was opened on: navigating elsewhere closes it)
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const current = items.find((i) => pathname === i.href || pathname.startsWith(i.href + "/"));
  return (
    <nav className="sidebar" aria-label="Main" data-open={open ? "true" : "false"}>
      <div className="brand">
        <Logo size={22} style={{ verticalAlign: "-5px", marginRight: 8 }} />
        Spendline
        <small>{orgName}</small>
      </div>
      <button
        type="button"
        className="nav-toggle btn"
        aria-expanded={open}
        aria-controls="nav-links"
        onClick={() => setOpenOn(open ? null : pathname)}
      >
        <span aria-hidden="true">☰</span> Menu{current ? <span className="nav-toggle-current">: {current.label}</span> : null}
      </button>
      <div id="nav-links" className="nav-links">
        {orgs.length > 1 && switchOrganization && (
          <form
            action={switchOrganization}
            className="org-switch"
            style={{ display: "flex", gap: 6, margin: "0 0 10px", flexWrap: "wrap" }}
          >
            <label htmlFor="org-switch" className="nav-group" style={{ width: "100%", margin: 0 }}>
              Organisation
            </label>
            <select id="org-switch" name="organization" defaultValue={activeOrgId} style={{ flex: 1, minWidth: 0 }}>
              {orgs.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
            <button type="submit" className="btn">
              Switch
            </button>
          </form>
        )}
        {groups.map((g) => (
          <div key={g}>
            <div className="nav-group">{g}</div>
            {items
              .filter((i) => i.group === g)
              .map((i) => (
                <Link
                  key={i.href}
                  href={i.href}
                  className="nav-link"
                  aria-current={pathname === i.href || pathname.startsWith(i.href + "/") ? "page" : undefined}
                >
                  {i.label}
                </Link>
              ))}
          </div>
        ))}
      </div>
      <div className="sidebar-foot">
        <div style={{ color: "#fff" }}>{who}</div>
        <div>{role}</div>
        <a href="/docs/api" style={{ color: "inherit", display: "block", margin: "6px 0" }}>
          API reference
        </a>
        <button className="btn" onClick={() => signOut({ callbackUrl: "/signin" })}>
          Sign out
        </button>
      </div>
    </nav>
  );
}
