using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Tenancy;

namespace Bootstrap.Domain.Zitadel;

/// <summary>System API CreateInstance (<c>POST /system/v1/instances/_create</c>).</summary>
public sealed class CreateInstanceRequest
{
    public string? InstanceName { get; set; }
    public string? FirstOrgName { get; set; }
    public string? CustomDomain { get; set; }
    public string? DefaultLanguage { get; set; }
    public ZitadelHuman? Human { get; set; }
    public ZitadelMachine? Machine { get; set; }

    public CreateInstanceCommand ToCommand() => new(
        InstanceName!.Trim(),
        string.IsNullOrWhiteSpace(FirstOrgName) ? InstanceName!.Trim() : FirstOrgName.Trim(),
        string.IsNullOrWhiteSpace(CustomDomain) ? null : CustomDomain.Trim().ToLowerInvariant(),
        string.IsNullOrWhiteSpace(DefaultLanguage) ? "en" : DefaultLanguage.Trim(),
        Human?.ToSpec(),
        Machine is null
            ? null
            : new OwnerMachineSpec(Machine.UserName!.Trim(), Machine.Name!.Trim(),
                Machine.PersonalAccessToken is not null, Machine.PersonalAccessToken?.ExpirationDate?.ToUniversalTime(),
                Machine.MachineKey is not null, Machine.MachineKey?.ExpirationDate?.ToUniversalTime()));
}

/// <summary>The deprecated AddInstance (<c>POST /system/v1/instances</c>) with flat owner fields.</summary>
public sealed class AddInstanceRequest
{
    public string? InstanceName { get; set; }
    public string? FirstOrgName { get; set; }
    public string? CustomDomain { get; set; }
    public string? OwnerUserName { get; set; }
    public ZitadelEmail? OwnerEmail { get; set; }
    public ZitadelProfile? OwnerProfile { get; set; }
    public ZitadelPassword? OwnerPassword { get; set; }
    public string? DefaultLanguage { get; set; }

    /// <summary>AddInstance is CreateInstance with a human owner spelled flat.</summary>
    public CreateInstanceRequest ToCreateInstanceRequest() => new()
    {
        InstanceName = InstanceName,
        FirstOrgName = FirstOrgName,
        CustomDomain = CustomDomain,
        DefaultLanguage = DefaultLanguage,
        Human = OwnerUserName is null && OwnerEmail is null && OwnerProfile is null && OwnerPassword is null
            ? null
            : new ZitadelHuman { UserName = OwnerUserName, Email = OwnerEmail, Profile = OwnerProfile, Password = OwnerPassword },
    };
}

/// <summary>Admin API SetUpOrg (<c>POST /admin/v1/orgs/_setup</c>).</summary>
public sealed class SetUpOrgRequest
{
    public ZitadelOrg? Org { get; set; }
    public SetUpOrgHuman? Human { get; set; }
    public List<string>? Roles { get; set; }

    public SetUpOrgCommand ToCommand() => new(
        Org!.Name!.Trim(),
        new ZitadelHuman { UserName = Human!.UserName, Email = Human.Email, Profile = Human.Profile }.ToSpec(Human.Password) with
        {
            Phone = string.IsNullOrWhiteSpace(Human.Phone?.Phone) ? null : Human.Phone.Phone.Trim(),
            PhoneVerified = Human.Phone?.IsPhoneVerified ?? false,
            PasswordChangeRequired = Human.PasswordChangeRequired,
        },
        Roles is { Count: > 0 } ? Roles.Select(r => r.Trim()).Distinct().ToList() : [Entities.Roles.OrgOwner])
    {
        OrganizationDomain = string.IsNullOrWhiteSpace(Org.Domain) ? null : Org.Domain.Trim().ToLowerInvariant(),
    };
}

public sealed class ZitadelOrg
{
    public string? Name { get; set; }
    public string? Domain { get; set; }
}

public sealed class SetUpOrgHuman
{
    public string? UserName { get; set; }
    public ZitadelProfile? Profile { get; set; }
    public ZitadelEmail? Email { get; set; }
    public ZitadelPhone? Phone { get; set; }
    public string? Password { get; set; }
    public bool PasswordChangeRequired { get; set; }
}

public sealed class ZitadelHuman
{
    public string? UserName { get; set; }
    public ZitadelEmail? Email { get; set; }
    public ZitadelProfile? Profile { get; set; }
    public ZitadelPassword? Password { get; set; }

    public HumanSpec ToSpec(string? password = null) => new(
        UserName!.Trim(),
        Email?.Email?.Trim(),
        Email?.IsEmailVerified ?? false,
        Profile?.FirstName?.Trim(),
        Profile?.LastName?.Trim(),
        Profile?.PreferredLanguage?.Trim(),
        password ?? Password?.Password)
    {
        NickName = NullIfBlank(Profile?.NickName),
        DisplayName = NullIfBlank(Profile?.DisplayName),
        Gender = ZitadelGender.Parse(Profile?.Gender),
        PasswordChangeRequired = Password?.PasswordChangeRequired ?? false,
    };

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

public sealed class ZitadelEmail
{
    public string? Email { get; set; }
    public bool IsEmailVerified { get; set; }
}

public sealed class ZitadelProfile
{
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? NickName { get; set; }
    public string? DisplayName { get; set; }
    public string? PreferredLanguage { get; set; }
    public string? Gender { get; set; }
}

/// <summary>The names of <c>zitadel.user.v1.Gender</c>, as protojson writes them.</summary>
public static class ZitadelGender
{
    private static readonly Dictionary<string, Gender> ByName = new(StringComparer.Ordinal)
    {
        ["GENDER_UNSPECIFIED"] = Gender.Unspecified,
        ["GENDER_FEMALE"] = Gender.Female,
        ["GENDER_MALE"] = Gender.Male,
        ["GENDER_DIVERSE"] = Gender.Diverse,
    };

    public static bool IsValidOrEmpty(string? name) => string.IsNullOrEmpty(name) || ByName.ContainsKey(name);

    /// <summary>Unspecified when absent; call only on validated input.</summary>
    public static Gender Parse(string? name) => string.IsNullOrEmpty(name) ? Gender.Unspecified : ByName[name];
}

public sealed class ZitadelPhone
{
    public string? Phone { get; set; }
    public bool IsPhoneVerified { get; set; }
}

public sealed class ZitadelPassword
{
    public string? Password { get; set; }
    public bool PasswordChangeRequired { get; set; }
}

public sealed class ZitadelMachine
{
    public string? UserName { get; set; }
    public string? Name { get; set; }
    public ZitadelPersonalAccessToken? PersonalAccessToken { get; set; }
    public ZitadelMachineKey? MachineKey { get; set; }
}

public sealed class ZitadelPersonalAccessToken
{
    public DateTime? ExpirationDate { get; set; }
}

public sealed class ZitadelMachineKey
{
    public string? Type { get; set; }
    public DateTime? ExpirationDate { get; set; }
}
