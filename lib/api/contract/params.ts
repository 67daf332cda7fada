/** The path parameter most endpoints take. */
export const id = { id: "the object's id" };
