using System.Globalization;
using System.Reflection;
using Bootstrap.Api.Zitadel.Grpc.ObjectV1;
using Bootstrap.Domain.Zitadel;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Admin = Bootstrap.Api.Zitadel.Grpc.AdminV1;
using SystemV1 = Bootstrap.Api.Zitadel.Grpc.SystemV1;

namespace Bootstrap.Api.Zitadel.Grpc;

/// <summary>
/// Zitadel's proto messages to the request classes the JSON door binds, so one validator and one
/// service decide for every content type. Proto3 cannot tell an empty string from an absent one;
/// empty strings become null, as an absent JSON field does. Enums become their proto names
/// (<c>KEY_TYPE_JSON</c>), the form the JSON door reads; a number outside the enum stays a number,
/// which the validators refuse.
/// </summary>
public static class ProtoMapping
{
    public static CreateInstanceRequest ToDomain(this SystemV1.CreateInstanceRequest request) => new()
    {
        InstanceName = NullIfEmpty(request.InstanceName),
        FirstOrgName = NullIfEmpty(request.FirstOrgName),
        CustomDomain = NullIfEmpty(request.CustomDomain),
        DefaultLanguage = NullIfEmpty(request.DefaultLanguage),
        // The oneof: protobuf keeps the last owner read, so at most one of the two is set here.
        Human = request.Human is { } human
            ? new ZitadelHuman
            {
                UserName = NullIfEmpty(human.UserName),
                Email = human.Email is { } email ? new ZitadelEmail { Email = NullIfEmpty(email.Email_), IsEmailVerified = email.IsEmailVerified } : null,
                Profile = human.Profile is { } profile
                    ? new ZitadelProfile
                    {
                        FirstName = NullIfEmpty(profile.FirstName),
                        LastName = NullIfEmpty(profile.LastName),
                        PreferredLanguage = NullIfEmpty(profile.PreferredLanguage),
                    }
                    : null,
                Password = ToDomain(human.Password),
            }
            : null,
        Machine = request.Machine is { } machine
            ? new ZitadelMachine
            {
                UserName = NullIfEmpty(machine.UserName),
                Name = NullIfEmpty(machine.Name),
                PersonalAccessToken = machine.PersonalAccessToken is { } pat
                    ? new ZitadelPersonalAccessToken { ExpirationDate = pat.ExpirationDate?.ToDateTime() }
                    : null,
                MachineKey = machine.MachineKey is { } key
                    ? new ZitadelMachineKey { Type = ProtoName(key.Type), ExpirationDate = key.ExpirationDate?.ToDateTime() }
                    : null,
            }
            : null,
    };

    public static AddInstanceRequest ToDomain(this SystemV1.AddInstanceRequest request) => new()
    {
        InstanceName = NullIfEmpty(request.InstanceName),
        FirstOrgName = NullIfEmpty(request.FirstOrgName),
        CustomDomain = NullIfEmpty(request.CustomDomain),
        OwnerUserName = NullIfEmpty(request.OwnerUserName),
        OwnerEmail = request.OwnerEmail is { } email ? new ZitadelEmail { Email = NullIfEmpty(email.Email_), IsEmailVerified = email.IsEmailVerified } : null,
        OwnerProfile = request.OwnerProfile is { } profile
            ? new ZitadelProfile
            {
                FirstName = NullIfEmpty(profile.FirstName),
                LastName = NullIfEmpty(profile.LastName),
                PreferredLanguage = NullIfEmpty(profile.PreferredLanguage),
            }
            : null,
        OwnerPassword = request.OwnerPassword is { } password
            ? new ZitadelPassword { Password = NullIfEmpty(password.Password_), PasswordChangeRequired = password.PasswordChangeRequired }
            : null,
        DefaultLanguage = NullIfEmpty(request.DefaultLanguage),
    };

    public static SetUpOrgRequest ToDomain(this Admin.SetUpOrgRequest request) => new()
    {
        Org = request.Org is { } org ? new ZitadelOrg { Name = NullIfEmpty(org.Name), Domain = NullIfEmpty(org.Domain) } : null,
        Human = request.Human is { } human
            ? new SetUpOrgHuman
            {
                UserName = NullIfEmpty(human.UserName),
                Profile = human.Profile is { } profile
                    ? new ZitadelProfile
                    {
                        FirstName = NullIfEmpty(profile.FirstName),
                        LastName = NullIfEmpty(profile.LastName),
                        NickName = NullIfEmpty(profile.NickName),
                        DisplayName = NullIfEmpty(profile.DisplayName),
                        PreferredLanguage = NullIfEmpty(profile.PreferredLanguage),
                        // GENDER_UNSPECIFIED is proto3's "not given".
                        Gender = profile.Gender == UserV1.Gender.Unspecified ? null : ProtoName(profile.Gender),
                    }
                    : null,
                Email = human.Email is { } email ? new ZitadelEmail { Email = NullIfEmpty(email.Email_), IsEmailVerified = email.IsEmailVerified } : null,
                Phone = human.Phone is { } phone ? new ZitadelPhone { Phone = NullIfEmpty(phone.Phone_), IsPhoneVerified = phone.IsPhoneVerified } : null,
                Password = NullIfEmpty(human.Password),
            }
            : null,
        Roles = request.Roles.Count > 0 ? [.. request.Roles] : null,
    };

    public static ObjectDetails DetailsOf(DateTime at, string resourceOwner)
    {
        var stamp = Timestamp.FromDateTime(DateTime.SpecifyKind(at, DateTimeKind.Utc));
        return new ObjectDetails { Sequence = ZitadelDetails.SequenceOf(at), CreationDate = stamp, ChangeDate = stamp.Clone(), ResourceOwner = resourceOwner };
    }

    private static ZitadelPassword? ToDomain(SystemV1.CreateInstanceRequest.Types.Password? password) => password is null
        ? null
        : new ZitadelPassword { Password = NullIfEmpty(password.Password_), PasswordChangeRequired = password.PasswordChangeRequired };

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    /// <summary>The value's name in the .proto (<c>KEY_TYPE_JSON</c>), or its number when the sender used one this server does not know.</summary>
    private static string ProtoName<TEnum>(TEnum value) where TEnum : struct, System.Enum =>
        typeof(TEnum).GetField(value.ToString(), BindingFlags.Public | BindingFlags.Static)?.GetCustomAttribute<OriginalNameAttribute>()?.Name
        ?? Convert.ToInt32(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
}
