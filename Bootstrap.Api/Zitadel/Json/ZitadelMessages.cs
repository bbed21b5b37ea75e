using Bootstrap.Domain.Zitadel;

namespace Bootstrap.Api.Zitadel.Json;

/// <summary>
/// The request messages of Zitadel's JSON doors as its .proto files declare them (system.proto,
/// admin.proto): field names, kinds, enums and oneofs. Only what is declared here is read; anything
/// else in a body is ignored, as Zitadel's gateway ignores it.
/// </summary>
public static class ZitadelMessages
{
    private const ProtoKind Text = ProtoKind.String;

    public static readonly ProtoEnum KeyType = new("zitadel.authn.v1.KeyType", "KEY_TYPE_UNSPECIFIED", "KEY_TYPE_JSON");

    public static readonly ProtoEnum Gender = new("zitadel.user.v1.Gender", "GENDER_UNSPECIFIED", "GENDER_FEMALE", "GENDER_MALE", "GENDER_DIVERSE");

    private static readonly ProtoMessage InstanceEmail = new("zitadel.system.v1.CreateInstanceRequest.Email",
        new("email", Text), new("is_email_verified", ProtoKind.Bool));

    private static readonly ProtoMessage InstancePassword = new("zitadel.system.v1.CreateInstanceRequest.Password",
        new("password", Text), new("password_change_required", ProtoKind.Bool));

    private static readonly ProtoMessage InstanceProfile = new("zitadel.system.v1.CreateInstanceRequest.Profile",
        new("first_name", Text), new("last_name", Text), new("preferred_language", Text));

    public static readonly ProtoMessage CreateInstance = new("zitadel.system.v1.CreateInstanceRequest",
        new("instance_name", Text),
        new("first_org_name", Text),
        new("custom_domain", Text),
        new("human", ProtoKind.Message, new("zitadel.system.v1.CreateInstanceRequest.Human",
            new("user_name", Text),
            new("email", ProtoKind.Message, InstanceEmail),
            new("profile", ProtoKind.Message, InstanceProfile),
            new("password", ProtoKind.Message, InstancePassword)), Oneof: "owner"),
        new("machine", ProtoKind.Message, new("zitadel.system.v1.CreateInstanceRequest.Machine",
            new("user_name", Text),
            new("name", Text),
            new("personal_access_token", ProtoKind.Message, new("zitadel.system.v1.CreateInstanceRequest.PersonalAccessToken",
                new ProtoField("expiration_date", ProtoKind.Timestamp))),
            new("machine_key", ProtoKind.Message, new("zitadel.system.v1.CreateInstanceRequest.MachineKey",
                new("type", ProtoKind.Enum, Enum: KeyType),
                new("expiration_date", ProtoKind.Timestamp)))), Oneof: "owner"),
        new("default_language", Text));

    public static readonly ProtoMessage AddInstance = new("zitadel.system.v1.AddInstanceRequest",
        new("instance_name", Text),
        new("first_org_name", Text),
        new("custom_domain", Text),
        new("owner_user_name", Text),
        new("owner_email", ProtoKind.Message, InstanceEmail with { FullName = "zitadel.system.v1.AddInstanceRequest.Email" }),
        new("owner_profile", ProtoKind.Message, InstanceProfile with { FullName = "zitadel.system.v1.AddInstanceRequest.Profile" }),
        new("owner_password", ProtoKind.Message, InstancePassword with { FullName = "zitadel.system.v1.AddInstanceRequest.Password" }),
        new("default_language", Text));

    public static readonly ProtoMessage SetUpOrg = new("zitadel.admin.v1.SetUpOrgRequest",
        new("org", ProtoKind.Message, new("zitadel.admin.v1.SetUpOrgRequest.Org", new("name", Text), new("domain", Text))),
        new("human", ProtoKind.Message, new("zitadel.admin.v1.SetUpOrgRequest.Human",
            new("user_name", Text),
            new("profile", ProtoKind.Message, new("zitadel.admin.v1.SetUpOrgRequest.Human.Profile",
                new("first_name", Text),
                new("last_name", Text),
                new("nick_name", Text),
                new("display_name", Text),
                new("preferred_language", Text),
                new("gender", ProtoKind.Enum, Enum: Gender))),
            new("email", ProtoKind.Message, new("zitadel.admin.v1.SetUpOrgRequest.Human.Email", new("email", Text), new("is_email_verified", ProtoKind.Bool))),
            new("phone", ProtoKind.Message, new("zitadel.admin.v1.SetUpOrgRequest.Human.Phone", new("phone", Text), new("is_phone_verified", ProtoKind.Bool))),
            new("password", Text)), Oneof: "user"),
        new("roles", Text, Repeated: true));

    private static readonly Dictionary<Type, ProtoMessage> ByRequestType = new()
    {
        [typeof(CreateInstanceRequest)] = CreateInstance,
        [typeof(AddInstanceRequest)] = AddInstance,
        [typeof(SetUpOrgRequest)] = SetUpOrg,
    };

    /// <summary>The message a domain request class is read as.</summary>
    public static ProtoMessage For(Type requestType) => ByRequestType.TryGetValue(requestType, out var message)
        ? message
        : throw new InvalidOperationException($"{requestType.Name} has no Zitadel message declared in {nameof(ZitadelMessages)}.");
}
