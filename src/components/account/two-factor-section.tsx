"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "@/lib/toast";
import { authClient } from "@/lib/auth-client";
import { useHydrated } from "@/lib/use-hydrated";
import { fieldValue, FormField } from "../form-field";

const buttonClass = "rounded-md bg-brand px-3 py-2 text-sm font-medium text-white hover:bg-brand-strong disabled:opacity-60";
const secondaryClass = "rounded-md border border-slate-300 px-3 py-2 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800";

type Setup = { uri: string; secret: string; qr: string | null; backupCodes: string[] };
type Stage = { step: "off" } | { step: "scan"; setup: Setup } | { step: "codes"; codes: string[] };

/** Better Auth's refusal in words; `field` says which input it is about. */
function refusal(failure: { status: number; message?: string; code?: string }): { field: "password" | "code" | "form"; text: string } {
  if (failure.status === 429) return { field: "form", text: "Too many attempts. Wait a minute and try again." };
  if (failure.code === "INVALID_PASSWORD") return { field: "password", text: "That is not your password." };
  if (failure.code === "INVALID_CODE" || failure.code === "CODE_REQUIRED") return { field: "code", text: "That code is not right: type the one your app shows now, or a backup code." };
  return { field: "form", text: failure.message || "That did not work. Please try again." };
}

/** The secret as an authenticator app asks for it when typed by hand: base32 in groups of four. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, "$1 ").trim();

/** Two-factor sign-in on the account page: turn it on (QR code, first code, backup codes once) or off. */
export function TwoFactorSection({ enabled }: { enabled: boolean }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [stage, setStage] = useState<Stage>({ step: "off" });
  const [errors, setErrors] = useState<{ password?: string; code?: string; form?: string }>({});
  const [pending, setPending] = useState(false);
  // What this page just changed, until the refreshed page says so too.
  const [changed, setChanged] = useState<boolean | null>(null);
  const on = changed ?? enabled;
  const settle = (nowOn: boolean) => {
    setChanged(nowOn);
    setStage({ step: "off" });
    setErrors({});
    router.refresh();
  };

  async function start(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = fieldValue(event.currentTarget, "password");
    if (password === "") return setErrors({ password: "Enter your password." });
    setErrors({});
    setPending(true);
    const { data, error } = await authClient.$fetch<{ totpURI: string; backupCodes: string[] }>("/two-factor/enable", { method: "POST", body: { password } });
    if (error || !data) {
      setPending(false);
      const { field, text } = refusal(error ?? { status: 500 });
      return setErrors({ [field]: text });
    }
    const secret = new URL(data.totpURI).searchParams.get("secret") ?? "";
    // The QR code library loads on first use: nobody else downloads it.
    const qr = await import("qrcode")
      .then((QRCode) => QRCode.toString(data.totpURI, { type: "svg", margin: 2, errorCorrectionLevel: "M" }))
      .then((svg) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`)
      .catch(() => null);
    setPending(false);
    setStage({ step: "scan", setup: { uri: data.totpURI, secret, qr, backupCodes: data.backupCodes } });
  }

  async function confirm(event: FormEvent<HTMLFormElement>, setup: Setup) {
    event.preventDefault();
    const code = fieldValue(event.currentTarget, "code").replace(/\s+/g, "");
    if (!/^\d{6}$/.test(code)) return setErrors({ code: "Enter the 6 digits your authenticator app shows." });
    setErrors({});
    setPending(true);
    const { error } = await authClient.$fetch("/two-factor/verify-totp", { method: "POST", body: { code } });
    setPending(false);
    if (error) return setErrors(error.status === 429 ? { form: refusal(error).text } : { code: "That code is not right: check the app's clock, and type the code shown now." });
    setStage({ step: "codes", codes: setup.backupCodes });
  }

  async function disable(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const password = fieldValue(form, "password");
    const code = fieldValue(form, "code").trim();
    const found: typeof errors = {};
    if (password === "") found.password = "Enter your password.";
    if (code === "") found.code = "Enter a code from your authenticator app, or a backup code.";
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setPending(true);
    const { error } = await authClient.$fetch("/two-factor/disable", { method: "POST", body: { password, code } });
    setPending(false);
    if (error) {
      const { field, text } = refusal(error);
      return setErrors({ [field]: text });
    }
    toast.success("Two-factor sign-in is off");
    settle(false);
  }

  if (stage.step === "codes") return <BackupCodes codes={stage.codes} onDone={() => settle(true)} />;

  if (stage.step === "scan") {
    const { setup } = stage;
    return (
      <form method="post" noValidate onSubmit={(event) => confirm(event, setup)} className="space-y-4">
        <p>Scan this code with an authenticator app (1Password, Google Authenticator, Aegis, …), then type the 6 digits it shows.</p>
        {setup.qr && (
          // eslint-disable-next-line @next/next/no-img-element -- a data: URL made here, nothing to optimise
          <img src={setup.qr} alt="QR code for your authenticator app" width={200} height={200} className="rounded-md bg-white p-1" />
        )}
        <p className="text-sm">
          Or enter this key by hand: <code className="break-all rounded bg-slate-100 px-1 font-mono dark:bg-slate-800" aria-label="Secret key">{grouped(setup.secret)}</code>
        </p>
        <FormField label="Code from the app" name="code" autoComplete="one-time-code" inputMode="numeric" maxLength={8} error={errors.code} />
        {errors.form && <p role="alert" className="text-sm text-red-600 dark:text-red-400">{errors.form}</p>}
        <div className="flex gap-3">
          <button type="submit" disabled={pending || !hydrated} className={buttonClass}>{pending ? "Checking…" : "Confirm and turn on"}</button>
          <button type="button" onClick={() => setStage({ step: "off" })} className={secondaryClass}>Cancel</button>
        </div>
      </form>
    );
  }

  if (on) {
    return (
      <form method="post" noValidate onSubmit={disable} className="space-y-4">
        <p><span className="font-medium text-green-700 dark:text-green-400">On.</span> Signing in asks for a code from your authenticator app (or a backup code).</p>
        <FormField label="Password" name="password" type="password" autoComplete="current-password" error={errors.password} />
        <FormField label="Code from the app, or a backup code" name="code" autoComplete="one-time-code" maxLength={32} error={errors.code} />
        {errors.form && <p role="alert" className="text-sm text-red-600 dark:text-red-400">{errors.form}</p>}
        <button type="submit" disabled={pending || !hydrated} className={secondaryClass}>{pending ? "Turning off…" : "Turn off two-factor sign-in"}</button>
      </form>
    );
  }

  return (
    <form method="post" noValidate onSubmit={start} className="space-y-4">
      <p>Off. With it on, signing in also asks for a code from an authenticator app on your phone, so a stolen password is not enough.</p>
      <FormField label="Password" name="password" type="password" autoComplete="current-password" error={errors.password} />
      {errors.form && <p role="alert" className="text-sm text-red-600 dark:text-red-400">{errors.form}</p>}
      <button type="submit" disabled={pending || !hydrated} className={buttonClass}>{pending ? "Starting…" : "Set up two-factor sign-in"}</button>
    </form>
  );
}

/** The backup codes, shown once: copy or download them before leaving. */
function BackupCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const text = `Tasks backup codes (each works once)\n\n${codes.join("\n")}\n`;
  const download = `data:text/plain;charset=utf-8,${encodeURIComponent(text)}`;
  return (
    <div className="space-y-4">
      <p role="status" className="font-medium text-green-700 dark:text-green-400">Two-factor sign-in is on.</p>
      <p>
        Keep these backup codes somewhere safe: each signs you in once if you lose your phone. <strong>They are shown only now.</strong>
      </p>
      <ul aria-label="Backup codes" className="grid grid-cols-2 gap-2 font-mono text-sm">
        {codes.map((code) => (
          <li key={code} className="rounded bg-slate-100 px-2 py-1 dark:bg-slate-800">{code}</li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-3">
        <button
          type="button"
          className={secondaryClass}
          onClick={() =>
            navigator.clipboard.writeText(text).then(
              () => toast.success("Backup codes copied"),
              () => toast.error("Could not copy: select the codes, or download them"),
            )
          }
        >
          Copy
        </button>
        <a href={download} download="tasks-backup-codes.txt" className={secondaryClass}>Download</a>
        <button type="button" onClick={onDone} className={buttonClass}>I have saved them</button>
      </div>
    </div>
  );
}
