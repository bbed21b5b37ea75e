using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bootstrap.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class BucketListingIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Buckets_InstanceId",
                table: "Buckets");

            migrationBuilder.CreateIndex(
                name: "IX_Buckets_InstanceId_Number",
                table: "Buckets",
                columns: new[] { "InstanceId", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Buckets_OrganizationId_Number",
                table: "Buckets",
                columns: new[] { "OrganizationId", "Number" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Buckets_InstanceId_Number",
                table: "Buckets");

            migrationBuilder.DropIndex(
                name: "IX_Buckets_OrganizationId_Number",
                table: "Buckets");

            migrationBuilder.CreateIndex(
                name: "IX_Buckets_InstanceId",
                table: "Buckets",
                column: "InstanceId");
        }
    }
}
