namespace Bootstrap.Web.Cli;

/// <summary>Process exit codes of the server and the CLI verbs; each failure kind has its own.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Anything unexpected, including a server error answer.</summary>
    public const int Failure = 1;

    /// <summary>EX_USAGE from sysexits.h: unknown verb or option, missing or malformed option value.</summary>
    public const int Usage = 64;

    /// <summary>The request was refused by the shared validators.</summary>
    public const int InvalidInput = 3;

    /// <summary>Setup was already completed (and <c>--ignore-if-set-up</c> was not given).</summary>
    public const int AlreadySetUp = 4;

    /// <summary>The server or the database could not be reached.</summary>
    public const int Unavailable = 5;

    /// <summary>The server asked for the setup code, or refused the one sent.</summary>
    public const int Unauthorized = 6;

    /// <summary>The verb needs a completed setup (recover-admin, rotate-token) or a user that does not exist.</summary>
    public const int NotFound = 7;

    /// <summary>EX_CONFIG from sysexits.h: the server's configuration is invalid (the FirstRun section, or a setting checked at start).</summary>
    public const int InvalidConfiguration = 78;

    /// <summary>
    /// The <c>migrate</c> verb answers a question a Job or a script branches on, with the codes issue 15 fixes for
    /// it, the convention of <c>diff</c> and <c>cmp</c>: 0 no difference (up to date), 1 a difference (pending), 2 trouble (failed).
    /// They reuse 1 and 2 with their own meaning rather than <see cref="Failure"/> or <see cref="Unavailable"/>,
    /// so a caller tests one verb's three outcomes without a table; a usage error is still 64 (<see cref="Usage"/>),
    /// which none of the three can be mistaken for, and 78 belongs to the server's start only.
    /// </summary>
    public static class Migrate
    {
        public const int UpToDate = 0;

        /// <summary>Only with <c>--dry-run</c>: without it, pending migrations are applied (then 0) or fail (2).</summary>
        public const int Pending = 1;

        /// <summary>The database could not be reached or read, or a migration failed; the reason is on stderr.</summary>
        public const int Failed = 2;
    }
}
