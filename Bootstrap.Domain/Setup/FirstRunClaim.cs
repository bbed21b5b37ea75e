using Bootstrap.Domain.Entities;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.Domain.Setup;

/// <summary>
/// The one exactly-once guard of the first run, for every door: a conditional update of the first
/// instance's row, which only one caller — thread, process or replica — can win. The claim token dies with it.
/// </summary>
public static class FirstRunClaim
{
    /// <summary>
    /// True for the caller that completed the first run. Call it inside the transaction that writes the
    /// first run's rows, so that losing that transaction gives the claim back.
    /// </summary>
    /// <param name="customDomain">The first instance's custom domain, if the door names one (CreateInstance).</param>
    /// <param name="defaultLanguage">The instance's default language, if the door names one; otherwise it keeps its own.</param>
    public static async Task<bool> TryClaimAsync(IBootstrapDb db, SetupChannel channel, DateTime now, string instanceName,
        string? customDomain, string? defaultLanguage, CancellationToken cancellationToken)
    {
        var claimed = await db.Instances
            .Where(i => i.Id == Instance.FirstId && i.SetupCompletedAt == null)
            .ExecuteUpdateAsync(
                setters =>
                {
                    setters.SetProperty(i => i.SetupCompletedAt, now)
                        .SetProperty(i => i.SetupChannel, channel)
                        .SetProperty(i => i.Name, instanceName)
                        .SetProperty(i => i.CustomDomain, customDomain)
                        .SetProperty(i => i.ClaimTokenHash, (byte[]?)null);
                    if (defaultLanguage is not null)
                    {
                        setters.SetProperty(i => i.DefaultLanguage, defaultLanguage);
                    }
                },
                cancellationToken);
        return claimed == 1;
    }
}
