using System.Text.Json.Serialization;
using Bootstrap.Api.Common;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bootstrap.Api.Zitadel;

/// <summary>Zitadel's gRPC-gateway errors: <c>{code, message, details[ErrorDetail]}</c> with the gRPC code mapped to HTTP.</summary>
public sealed class ZitadelErrorMapper : IApiErrorMapper
{
    private const string ErrorDetailType = "type.googleapis.com/zitadel.v1.ErrorDetail";

    public ApiFamily Family => ApiFamily.Zitadel;

    public IResult Map(ApiError error) => Error(ZitadelStatus.Of(error));

    public IResult Map(IReadOnlyList<ValidationFailure> failures) => Error(ZitadelStatus.Of(failures));

    public IResult MalformedBody(IReadOnlyDictionary<string, string[]> errors) => Error(ZitadelStatus.MalformedBody(errors));

    private static JsonHttpResult<ZitadelError> Error(ZitadelStatus status) => TypedResults.Json(
        new ZitadelError((int)status.Code, status.Message, status.Details.Select(d => new ErrorDetail(ErrorDetailType, d.Id, d.Message)).ToList()),
        statusCode: status.HttpStatus);

    private sealed record ZitadelError(int Code, string Message, IReadOnlyList<ErrorDetail> Details);

    private sealed record ErrorDetail([property: JsonPropertyName("@type")] string Type, string Id, string Message);
}
