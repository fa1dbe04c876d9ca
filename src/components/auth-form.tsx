"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { accessTokens } from "@/lib/access-token";
import { authClient } from "@/lib/auth-client";
import { describeAuthError } from "./auth-errors";
import { AppMark } from "./app-mark";
import { fieldValue, FormField, type FormFieldProps } from "./form-field";
import { FormError, SubmitButton } from "./form-parts";
import { TwoFactorStep } from "./two-factor-step";

type Mode = "sign-in" | "sign-up";
type Field = "name" | "email" | "password";
type FieldErrors = Partial<Record<Field, string>>;

export interface AuthFormProps {
  mode: Mode;
  passwordRules: { minLength: number; maxLength: number };
  /** A note above the form, e.g. after a password reset. */
  notice?: string;
  /** Two-factor sign-in's "trust this device" lifetime (TWO_FACTOR_TRUST_DEVICE_DAYS). */
  trustDeviceDays?: number;
}

const COPY = {
  "sign-in": { title: "Sign in", submit: "Sign in", pending: "Signing in…", switchText: "New here?", switchLink: "Create an account", switchHref: "/sign-up" },
  "sign-up": { title: "Create your account", submit: "Create account", pending: "Creating account…", switchText: "Already have an account?", switchLink: "Sign in", switchHref: "/sign-in" },
} as const;

function validate(mode: Mode, values: Record<Field, string>, rules: AuthFormProps["passwordRules"]): FieldErrors {
  const errors: FieldErrors = {};
  if (mode === "sign-up" && values.name.trim() === "") errors.name = "Enter your name.";
  if (values.email.trim() === "") errors.email = "Enter your email address.";
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email.trim())) errors.email = "Enter a valid email address.";
  if (values.password === "") errors.password = "Enter your password.";
  else if (mode === "sign-up" && values.password.length < rules.minLength)
    errors.password = `Use at least ${rules.minLength} characters.`;
  else if (values.password.length > rules.maxLength) errors.password = `Use at most ${rules.maxLength} characters.`;
  return errors;
}

/** Email + password sign-in or sign-up, with field errors and a readable message on failure. */
export function AuthForm({ mode, passwordRules, notice, trustDeviceDays = 30 }: AuthFormProps) {
  const router = useRouter();
  const id = useId();
  const copy = COPY[mode];
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Two-factor sign-in: the password was right, the code comes next.
  const [secondStep, setSecondStep] = useState(false);
  // The field stays uncontrolled (typed before hydration is kept): its length is read as it changes.
  const [passwordLength, setPasswordLength] = useState(0);
  const [showPassword, setShowPassword] = useState(false);

  const signedIn = () => {
    accessTokens.clear();
    // A dynamic page: replace() fetches it fresh, now as the signed-in user.
    router.replace("/");
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const values = { name: fieldValue(form, "name"), email: fieldValue(form, "email"), password: fieldValue(form, "password") };
    const errors = validate(mode, values, passwordRules);
    setFieldErrors(errors);
    setFormError(null);
    if (Object.keys(errors).length > 0) return;

    setPending(true);
    try {
      const email = values.email.trim();
      let retryAfter: number | null = null;
      const fetchOptions = { onError: ({ response }: { response: Response }) => void (retryAfter = Number(response.headers.get("retry-after")) || null) };
      const { data, error } =
        mode === "sign-up"
          ? await authClient.signUp.email({ name: values.name.trim(), email, password: values.password, fetchOptions })
          : await authClient.signIn.email({ email, password: values.password, fetchOptions });
      if (error) {
        setFormError(describeAuthError(error, retryAfter));
        return;
      }
      if (data && "twoFactorRedirect" in data && data.twoFactorRedirect) return setSecondStep(true);
      signedIn();
    } catch {
      setFormError("Could not reach the server. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  const field = (name: Field, label: string, type: string, autoComplete: string, extra: Partial<FormFieldProps> = {}) => (
    <FormField label={label} name={name} type={type} autoComplete={autoComplete} error={fieldErrors[name]} {...extra} />
  );

  // Sign-up says what a password takes before the first try, and ticks it off while typing.
  const lengthMet = passwordLength >= passwordRules.minLength && passwordLength <= passwordRules.maxLength;
  const passwordHint =
    mode === "sign-up" ? (
      <p data-testid="password-rules" data-met={lengthMet}>
        <span aria-hidden="true" className={lengthMet ? "text-green-700 dark:text-green-400" : ""}>
          {lengthMet ? "✓ " : "• "}
        </span>
        {`At least ${passwordRules.minLength} characters (${passwordLength} so far), and not a common, repeated or sequential one.`}
      </p>
    ) : undefined;

  if (secondStep) {
    return (
      <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-12">
        <AppMark className="mb-8" />
        <h1 className="mb-6 text-2xl font-semibold">Two-factor sign-in</h1>
        <TwoFactorStep
          trustDeviceDays={trustDeviceDays}
          onDone={signedIn}
          onRestart={(message) => {
            setSecondStep(false);
            setFormError(message);
          }}
        />
      </main>
    );
  }

  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-12">
      <AppMark className="mb-8" />
      <h1 className="mb-6 text-2xl font-semibold">{copy.title}</h1>
      {notice && (
        <p role="status" className="mb-4 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800 dark:bg-green-950 dark:text-green-200">
          {notice}
        </p>
      )}
      <form method="post" noValidate onSubmit={onSubmit} className="space-y-4" aria-describedby={formError ? `${id}-form-error` : undefined}>
        {mode === "sign-up" && field("name", "Name", "text", "name")}
        {field("email", "Email", "email", "email")}
        {field("password", "Password", showPassword ? "text" : "password", mode === "sign-up" ? "new-password" : "current-password", {
          hint: passwordHint,
          onInput: (e) => setPasswordLength(e.currentTarget.value.length),
        })}
        <label className="-mt-2 flex items-center gap-2 text-sm">
          <input type="checkbox" className="size-4" checked={showPassword} onChange={(e) => setShowPassword(e.target.checked)} />
          {/* Not "Show password": the field's label alone says "Password" (getByLabel, and voice control). */}
          Show what I type
        </label>
        {mode === "sign-in" && (
          <p className="-mt-2 text-right text-sm">
            <Link href="/forgot-password" className="font-medium text-blue-600 hover:underline dark:text-blue-400">
              Forgot password?
            </Link>
          </p>
        )}
        <FormError id={`${id}-form-error`}>{formError}</FormError>
        <SubmitButton pending={pending} pendingText={copy.pending}>
          {copy.submit}
        </SubmitButton>
      </form>
      <p className="mt-6 text-sm text-slate-600 dark:text-slate-400">
        {copy.switchText}{" "}
        <Link href={copy.switchHref} className="font-medium text-blue-600 hover:underline dark:text-blue-400">
          {copy.switchLink}
        </Link>
      </p>
    </main>
  );
}
